import '../../components/styles.css';
import { renderPage } from '../../lib/i18n/start';
import { SidePanel } from './SidePanel';

// The reader's language is installed before the first render: no English flashes first.
void renderPage(() => <SidePanel />, { title: 'room.pageTitle' });
