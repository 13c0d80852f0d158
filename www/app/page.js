// The page on the started engine: the app, then the classroom tools (tour, projector mode, keys,
// exports, imports) and the shareable link. Imported by main.js only after the engine has started,
// because these modules read the settings schema that the engine installs.

import { bindExports } from '../classroom/exports.js';
import { bindKeys } from '../classroom/keys.js';
import { createLink } from '../classroom/link.js';
import { createProjector } from '../classroom/projector.js';
import { createTour } from '../classroom/tour.js';
import { bindImport } from '../network/import.js';
import { bindDrawer } from '../ui/drawer.js';
import { showMessage, startApp } from './app.js';

const $ = (id) => document.getElementById(id);

export { showMessage };

/** Starts the app and its tools, rebuilds what the link shows; resolves to the app. */
export async function startPage() {
  let link = null;
  let tour = null;
  const projector = createProjector($('projector'), () => link?.changed());
  const drawer = bindDrawer($('settings-toggle'), $('settings'));
  const app = await startApp({
    onChange: () => {
      link?.changed();
      tour?.refresh();
    },
  });
  const tourChanged = () => {
    drawer.sync(); // the tour's dock hides the settings column
    link?.changed();
  };
  tour = createTour(app, { root: $('tour'), start: $('tour-start'), onChange: tourChanged });
  link = createLink(app, tour, { notice: $('link-notice'), copy: $('copy-link'), projector });
  bindExports(app, { csv: $('export-csv'), network: $('export-network'), stats: $('export-stats-csv') });
  bindImport(app, { button: $('import-network'), input: $('import-file') });
  bindKeys({ app, tour, projector });
  if (location.hash.length > 1) $('load-text').textContent = 'Rebuilding what the link shows…';
  await link.restore();
  return app;
}
