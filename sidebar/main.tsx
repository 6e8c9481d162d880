import { render } from 'preact';

render(<p>KOC Ops</p>, document.getElementById('app')!);
