import { render } from 'preact';
import '../../components/styles.css';
import { Popup } from './Popup';

render(<Popup />, document.getElementById('app') as HTMLElement);
