// The CLI's exit codes, shared by every command (a module of its own, so a command loads no other).
export const EXIT_NORMAL = 0;
export const EXIT_ABNORMAL = 1;
export const EXIT_CANNOT_RUN = 2;
