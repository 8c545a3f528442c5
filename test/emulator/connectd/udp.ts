// connectd's UDP socket: bound for real so the port it reports exists, but nothing is sent on it.
import * as dgram from 'node:dgram';

/** Binds `port` (0: any free one); resolves with the bound port, or 0 when it could not be bound. The socket
 * lives as long as the process. */
export function bindUdp(port = 0): Promise<number> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.on('error', () => resolve(0));
    socket.bind(port, () => {
      resolve(socket.address().port);
      socket.unref();
    });
  });
}
