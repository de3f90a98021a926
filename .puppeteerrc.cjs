// puppeteer (pulled in by pagedjs-cli, the benchmark peer) must never download a browser: Debian's chromium is used.
module.exports = { skipDownload: true };
