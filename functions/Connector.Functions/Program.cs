using Connector.Functions;

// The Azure Functions isolated worker; ConnectorFunctionsApp says what it is made of.
var host = ConnectorFunctionsApp.CreateBuilder(args).Build();
await ConnectorFunctionsApp.RunAsync(host);
