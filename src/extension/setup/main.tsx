/** Entry of the pairing page: connects SetupApp to the chooser and the background. */
/// <reference types="vite/client" />
import { render } from 'preact';
import { SetupApp } from './App';
import { usePairing } from './use-pairing';
import { useSites } from './use-sites';
import '../ui/styles.css';
import './setup.css';

function Setup() {
  const [state, actions] = usePairing();
  const [sites, siteActions] = useSites();
  document.documentElement.lang = state.lang;
  document.title = `${state.lang === 'ja' ? 'カードリーダーの設定' : 'Card reader setup'} — My Number Card Bridge`;
  return <SetupApp state={state} actions={actions} sites={sites} siteActions={siteActions} />;
}

const root = document.getElementById('app');
if (root) render(<Setup />, root);
