/** A failure at start-up that we can explain in one line to whoever runs Anju. */
export class StartupError extends Error {}
