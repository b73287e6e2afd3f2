/** How a section of the detail page runs a change: the field to point at if it fails, the request, what to clear after. */
export type Run = (target: string, action: () => Promise<unknown>, after?: () => void) => Promise<void>;
