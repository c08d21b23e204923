// CloudFront Function (viewer request, default behaviour only): serve the single-page app's index.html for client-side
// routes such as /albums/123, while real files (anything with an extension) are passed through unchanged.
// Done here rather than with custom error responses, which would also rewrite the API's 403/404 answers.
function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
