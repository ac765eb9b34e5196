import { render } from 'preact';
import '../../components/styles.css';
import { SidePanel } from './SidePanel';

render(<SidePanel />, document.getElementById('app') as HTMLElement);
