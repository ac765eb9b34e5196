import '../../components/styles.css';
import { renderPage } from '../../lib/i18n/start';
import { Welcome } from './Welcome';

// The reader's language is installed before the first render: no English flashes first.
void renderPage(() => <Welcome />, { title: 'welcome.pageTitle' });
