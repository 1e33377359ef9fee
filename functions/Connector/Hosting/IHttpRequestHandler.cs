using Microsoft.AspNetCore.Http;

namespace Connector.Hosting;

/// <summary>
/// An HTTP function's logic. Both hosts hand it ASP.NET Core's <see cref="HttpRequest"/> (the Functions
/// app through its ASP.NET Core integration) and return its <see cref="IResult"/> as it is.
/// </summary>
public interface IHttpRequestHandler
{
    Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken);
}
