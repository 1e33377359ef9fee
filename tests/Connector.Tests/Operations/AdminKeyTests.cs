using Connector.Hosting;
using Connector.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Tests.Operations;

public sealed class AdminKeyTests
{
    private const string Key = "operations-admin-key-0123456789";

    private static HttpRequest Request(string? key)
    {
        var context = new DefaultHttpContext();
        if (key is not null)
        {
            context.Request.Headers[AdminKey.Header] = key;
        }

        return context.Request;
    }

    private static int? StatusOf(IResult? result) => result is null ? null : Assert.IsType<ProblemHttpResult>(result).StatusCode;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short")]
    public void Without_a_configured_key_the_endpoints_do_not_exist(string? configured) =>
        Assert.Equal(404, StatusOf(AdminKey.Refusal(new ConnectorOptions { AdminApiKey = configured }, Request(Key), "the operations endpoints")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("operations-admin-key-012345678")]
    [InlineData("operations-admin-key-0123456789 ")]
    public void A_missing_or_wrong_key_is_refused(string? given) =>
        Assert.Equal(401, StatusOf(AdminKey.Refusal(new ConnectorOptions { AdminApiKey = Key }, Request(given), "the operations endpoints")));

    [Fact]
    public void The_right_key_lets_the_request_through() =>
        Assert.Null(AdminKey.Refusal(new ConnectorOptions { AdminApiKey = Key }, Request(Key), "the operations endpoints"));
}
