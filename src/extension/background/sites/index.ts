export { LOCAL_TEST_MATCHES, PORTAL_MATCHES, PORTAL_SCRIPT_ID, WEB_EID_SCRIPT_ID, matchFor, placePortalScript, placeWebEidScript, type ScriptingArea } from './content-scripts';
