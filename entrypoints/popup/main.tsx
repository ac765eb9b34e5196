import '../../components/styles.css';
import { renderPage } from '../../lib/i18n/start';
import { Popup } from './Popup';

// The reader's language is installed before the first render: no English flashes first.
void renderPage(() => <Popup />, { title: 'popup.pageTitle' });
