import pkg from '../../package.json';

/** The app version written into attempt files (package.json "version"). */
export const APP_VERSION: string = pkg.version;
