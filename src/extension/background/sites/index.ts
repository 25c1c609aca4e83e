export { LOCAL_TEST_MATCHES, WEB_EID_SCRIPT_ID, matchFor, placeWebEidScript, type ScriptingArea } from './content-scripts';
