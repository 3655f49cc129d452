import { version } from '../package.json';

/** Version of the app written into attempt files (from package.json). */
export const APP_VERSION: string = version;
