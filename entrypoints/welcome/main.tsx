import { render } from 'preact';
import '../../components/styles.css';
import { Welcome } from './Welcome';

render(<Welcome />, document.getElementById('app') as HTMLElement);
