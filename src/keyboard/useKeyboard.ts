// The menu, history and debrief still listen for keys themselves until they move to useKeyScope.
export { isFormTarget } from './keyboardLayer';
