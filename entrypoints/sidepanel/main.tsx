import { render } from 'preact';
import '../../components/theme.css';
import { SidePanel } from './SidePanel';

render(<SidePanel />, document.getElementById('app') as HTMLElement);
