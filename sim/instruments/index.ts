/** The public face of sim/instruments/: trocar, balloon, cement and height models, and their view types. src/, server/ and scripts/ import sim/ only through such index modules (.dependency-cruiser.cjs). */
export { Balloon } from './balloon';
export { balloonDevice } from './balloonDevices';
export { BALLOON_MODEL } from './balloonModel';
export { CAVITY_DEVICE_NAMES, cavityDeviceName } from './cavityDevices';
export type { BalloonView } from './balloonView';
export { CEMENT_DEVICES } from './cementDelivery';
export { cementTimeline, cementViscosityPaS } from './cementPhaseClock';
export type { CementDeposit, CementView } from './cementView';
export { mergeCementViews } from './mergeCementViews';
export type { HeightFigures, HeightView } from './heightView';
export { TACK_FEEL_MEANING, TACK_FEEL_TEXT } from './tackFeel';
export type { TrocarView } from './trocarView';
