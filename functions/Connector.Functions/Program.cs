using Connector.Functions;
using Connector.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure Functions isolated worker. ConfigureFunctionsWebApplication runs HTTP functions on
// ASP.NET Core, so they take HttpRequest and return IResult exactly as LocalHost's endpoints do.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The same registration LocalHost makes: one place for the connector's services.
builder.AddConnector();
builder.AddConnectorTelemetry();

await builder.Build().RunAsync();
