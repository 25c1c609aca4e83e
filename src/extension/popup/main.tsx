/** Entry of the toolbar popup: connects App to chrome.storage and the background. */
/// <reference types="vite/client" />
import { render } from 'preact';
import { toJstDate } from '../../rules/index';
import { detectOs, platformName } from '../ui/os';
import { App } from './App';
import { usePopupState } from './use-popup-state';
import '../ui/styles.css';
import './popup.css';

// Computed once: a popup lives for seconds, and one "today" keeps every date on it consistent.
const today = toJstDate(new Date());
const os = detectOs(platformName(navigator));

function Popup() {
  const [state, actions] = usePopupState();
  document.documentElement.lang = state.lang;
  return <App state={state} actions={actions} today={today} os={os} />;
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);
