import * as assert from 'node:assert/strict';
import { devicePage, DEVICES_PER_PAGE, nextPageLimit, pageDiffers } from '../../../src/core/tree/devicePage';
import { moreRow, moreTooltip } from '../../../src/core/tree/rowContent';

const rows = (n: number) => Array.from({ length: n }, (_, i) => `device ${i + 1}`);

describe('the Devices view lists a page of devices at a time', () => {
  it('a list that fits in a page is shown whole, with nothing left out', () => {
    const list = rows(DEVICES_PER_PAGE);
    assert.deepEqual(devicePage(list, DEVICES_PER_PAGE), { shown: list, hidden: 0 });
    assert.deepEqual(devicePage([], DEVICES_PER_PAGE), { shown: [], hidden: 0 });
  });

  it('a 10,000-device list shows its first page in order and counts the rest', () => {
    const page = devicePage(rows(10_000), DEVICES_PER_PAGE);
    assert.equal(page.shown.length, DEVICES_PER_PAGE);
    assert.equal(page.shown[0], 'device 1');
    assert.equal(page.shown[DEVICES_PER_PAGE - 1], `device ${DEVICES_PER_PAGE}`);
    assert.equal(page.hidden, 10_000 - DEVICES_PER_PAGE);
  });

  it('each "Show more" click lists one page more, until everything is shown', () => {
    let limit = DEVICES_PER_PAGE;
    const list = rows(DEVICES_PER_PAGE * 2 + 7);
    limit = nextPageLimit(limit);
    assert.equal(devicePage(list, limit).hidden, 7);
    limit = nextPageLimit(limit);
    assert.deepEqual(devicePage(list, limit), { shown: list, hidden: 0 });
  });

  it('the last row says how many the next click adds and how many are left out; its tooltip offers the filter', () => {
    const many = moreRow(9_500);
    assert.equal(many.label, `Show ${DEVICES_PER_PAGE} more devices`);
    assert.equal(many.description, '9500 not shown');
    assert.match(moreTooltip(9_500), /9500 are not shown yet\. \*\*Filter Devices…\*\* searches them all/);
    assert.equal(many.contextValue, 'rit.more', 'no device or service menu matches it');
    assert.equal(moreRow(7).label, 'Show 7 more devices');
    assert.equal(moreRow(1).label, 'Show 1 more device');
  });

  it('a page is redrawn when it lists other devices, the same in another order, or leaves out another number', () => {
    const page = { ids: ['a', 'b', 'c'], hidden: 10 };
    assert.equal(pageDiffers(page, { ids: ['a', 'b', 'c'], hidden: 10 }), false, 'only a row changed: that row alone is redrawn');
    assert.equal(pageDiffers(page, { ids: ['b', 'a', 'c'], hidden: 10 }), true, 'a device moved in the order');
    assert.equal(pageDiffers(page, { ids: ['a', 'b', 'd'], hidden: 10 }), true, 'a device left the page, another came');
    assert.equal(pageDiffers(page, { ids: ['a', 'b'], hidden: 10 }), true);
    assert.equal(pageDiffers(page, { ids: ['a', 'b', 'c'], hidden: 9 }), true, 'the last row says another number');
  });
});
