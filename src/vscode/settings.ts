// Typed access to the `remoteit.*` settings.
import * as vscode from 'vscode';

type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : T;

export function setting<T>(key: string, fallback: T): Widen<T> {
  return vscode.workspace.getConfiguration('remoteit').get<Widen<T>>(key, fallback as Widen<T>);
}
