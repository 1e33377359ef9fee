using Connector.MerchantPage;
using Connector.MerchantPage.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Connector.Installations;

/// <summary>
/// The small pages the install and callback flows show in the control panel's iframe: a message, or what went wrong and
/// what to do, with the right status. Razor components behind the page's headers (<see cref="PageResults"/>), so
/// everything shown is encoded and only the control panel may frame them.
/// </summary>
public sealed class AppPages(IOptions<MerchantPageOptions> options)
{
    public IResult Message(string title, string text) =>
        PageResults.Render<MessagePage>(options.Value, new Dictionary<string, object?> { ["Title"] = title, ["Text"] = text });

    /// <summary>A page telling the merchant what went wrong and what to do, with the right status.</summary>
    public IResult Problem(int status, string title, string whatToDo) => PageResults.Problem(options.Value, status, title, whatToDo);
}
