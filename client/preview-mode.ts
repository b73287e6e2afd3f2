/**
 * A staff preview of a definition (staff/PreviewFrame.tsx) renders the resident pages unchanged,
 * under /staff/previews/{previewId}/procedures/…: while it is open, the pages load the preview's
 * procedure, keep answers in this page's memory only (never in browser storage, never on the
 * server), upload nothing and file nothing.
 */
let active: string | null = null;

export const previewMode = {
  enter(previewId: string): void {
    active = previewId;
  },
  leave(): void {
    active = null;
    memoryLocal.clear();
    memorySession.clear();
  },
  /** The open preview's id, or null on the resident site. */
  id: (): string | null => active,
};

/** Where a procedure's pages are: the resident site, or inside the open preview. */
export function procedurePath(id: string): string {
  return active ? `/staff/previews/${encodeURIComponent(active)}/procedures/${id}` : `/procedures/${id}`;
}

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const memoryLocal = new MemoryStorage();
const memorySession = new MemoryStorage();

/** localStorage, or this page's memory during a preview. */
export const longStorage = (): Storage => (active ? memoryLocal : localStorage);
/** sessionStorage, or this page's memory during a preview. */
export const tabStorage = (): Storage => (active ? memorySession : sessionStorage);
