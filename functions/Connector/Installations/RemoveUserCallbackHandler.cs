using Connector.Hosting;
using Microsoft.AspNetCore.Http;

namespace Connector.Installations;

// STUB: being written in the main session.
public sealed class RemoveUserCallbackHandler : IHttpRequestHandler
{
    public Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken) => Task.FromResult(Results.StatusCode(501));
}
