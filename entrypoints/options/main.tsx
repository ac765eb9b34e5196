import '../../components/styles.css';
import { renderPage } from '../../lib/i18n/start';
import { Options } from './Options';

// The reader's language is installed before the first render: no English flashes first.
void renderPage(() => <Options />, { title: 'options.pageTitle' });
