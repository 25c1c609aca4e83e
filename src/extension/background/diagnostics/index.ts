export { SiteLog } from './site-log';
