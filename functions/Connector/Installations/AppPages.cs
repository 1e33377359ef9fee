using System.Net;
using Microsoft.AspNetCore.Http;

namespace Connector.Installations;

/// <summary>The small HTML views BigCommerce shows in the control panel's iFrame. Everything interpolated is encoded.</summary>
public static class AppPages
{
    public static IResult Page(string title, string bodyHtml, int status = StatusCodes.Status200OK) =>
        Results.Content(
            $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{{Encode(title)}}</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#313440}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}.bad{color:#b00}</style>
            </head><body><h1>{{Encode(title)}}</h1>{{bodyHtml}}</body></html>
            """,
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>A page telling the merchant what went wrong and what to do, with the right status.</summary>
    public static IResult Problem(int status, string title, string whatToDo) =>
        Page(title, $"<p class=\"bad\">{Encode(whatToDo)}</p>", status);

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
