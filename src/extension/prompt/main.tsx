/** Entry of the PIN and consent window: the request id is in the URL, everything else comes over the port. */
/// <reference types="vite/client" />
import { render } from 'preact';
import { PromptApp } from './App';
import { usePrompt } from './use-prompt';
import '../ui/styles.css';
import './prompt.css';

const id = new URLSearchParams(location.search).get('id') ?? '';
const now = (): number => Date.now();

function Prompt() {
  const [state, actions] = usePrompt(id);
  document.documentElement.lang = state.lang;
  return <PromptApp view={state.view} lang={state.lang} send={actions.send} setLang={actions.setLang} now={now} />;
}

const root = document.getElementById('app');
if (root) render(<Prompt />, root);
