export { startBackground, type Background, type BackgroundOptions } from './compose';
