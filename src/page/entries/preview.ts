/** The --watch preview's client, served with every preview page to the editor's browser. */
import '../preview/previewClient.js';
