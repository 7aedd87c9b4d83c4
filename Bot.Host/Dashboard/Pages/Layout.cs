using System.Security.Claims;
using Bot.Host.Dashboard.Html;
using Bot.Host.Dashboard.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace Bot.Host.Dashboard.Pages;

/// <summary>What every page needs about the request: the signed-in user and the anti-forgery token of its forms.</summary>
public sealed record PageContext(string? UserName, string? Role, string CsrfToken, string CsrfField)
{
    public bool IsAdmin => Role == DashboardRoles.Admin;

    public static PageContext From(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(http);
        var user = http.User.Identity?.IsAuthenticated == true ? http.User : null;
        return new PageContext(user?.Identity?.Name, user?.FindFirstValue(ClaimTypes.Role), tokens.RequestToken ?? "", tokens.FormFieldName);
    }

    /// <summary>The hidden anti-forgery field of a form.</summary>
    public HtmlContent Field => HtmlContent.Format($"<input type=\"hidden\" name=\"{CsrfField}\" value=\"{CsrfToken}\">");
}

/// <summary>The page frame: header with navigation and the signed-in user, one stylesheet, no inline script or style.</summary>
public static class Layout
{
    public const string Product = "铁西小助手";

    public static HtmlPage Page(PageContext page, string title, string active, HtmlContent body, HtmlContent? head = null, HtmlContent? scripts = null, int statusCode = 200)
    {
        var nav = new List<(string Key, string Href, string Label, bool Admin)>
        {
            ("board", "/", "督查看板", false),
            ("reports", "/reports", "汇报记录", false),
            ("console", "/admin/plans", "管理", false),
            ("sandbox", "/sandbox", "沙盒对话", true),
            ("admin", "/admin", "系统", true),
        };
        var links = nav.Where(n => !n.Admin || page.IsAdmin)
            .Select(n => HtmlContent.Format($"<a href=\"{n.Href}\"{(n.Key == active ? new HtmlContent(" class=\"active\" aria-current=\"page\"") : HtmlContent.Empty)}>{n.Label}</a>"));
        var user = page.UserName is null ? HtmlContent.Empty : HtmlContent.Format($"""
            <div class="user"><span class="who">{page.UserName}<small>{DashboardRoles.Chinese(page.Role ?? "")}</small></span>
            <form method="post" action="/logout">{page.Field}<button type="submit" class="link">退出</button></form></div>
            """);
        return new HtmlPage(HtmlContent.Format($"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="{page.CsrfToken}">
            <title>{title} · {Product}</title>
            <link rel="stylesheet" href="/assets/dashboard.css">
            {head ?? HtmlContent.Empty}
            </head>
            <body>
            <header class="top"><a class="brand" href="/"><span class="logo">铁</span>{Product}<small>督查督办</small></a>
            <nav>{links}</nav>{user}</header>
            <main>
            {body}
            </main>
            <footer>铁西区“调查研究、狠抓落实、拼搏奋斗年”活动 · 数据均来自汇报记录</footer>
            {scripts ?? HtmlContent.Empty}
            </body>
            </html>
            """), statusCode);
    }

    /// <summary>A page without navigation (sign-in, errors before sign-in).</summary>
    public static HtmlPage Bare(PageContext page, string title, HtmlContent body, int statusCode = 200) => new(HtmlContent.Format($"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · {Product}</title>
        <link rel="stylesheet" href="/assets/dashboard.css">
        </head>
        <body class="bare">
        <main>{body}</main>
        </body>
        </html>
        """), statusCode);

    /// <summary>A traffic light as a coloured dot with its Chinese name.</summary>
    public static HtmlContent Light(Bot.Skills.Scorecards.Light light) => HtmlContent.Format(
        $"<span class=\"light light-{light.ToString().ToLowerInvariant()}\" title=\"{Bot.Skills.Scorecards.TrafficLights.Chinese(light)}灯\"><i></i>{Bot.Skills.Scorecards.TrafficLights.Chinese(light)}</span>");

    /// <summary>The dot of a light alone (legends).</summary>
    public static HtmlContent Dot(Bot.Skills.Scorecards.Light light) =>
        HtmlContent.Format($"<span class=\"light light-{light.ToString().ToLowerInvariant()}\"><i></i></span>");

    public static HtmlPage Message(PageContext page, string title, string message, int statusCode) =>
        page.UserName is null
            ? Bare(page, title, HtmlContent.Format($"<section class=\"card narrow\"><h1>{title}</h1><p>{message}</p><p><a href=\"/\">返回首页</a></p></section>"), statusCode)
            : Page(page, title, "", HtmlContent.Format($"<section class=\"card\"><h1>{title}</h1><p>{message}</p><p><a href=\"/\">返回看板</a></p></section>"), statusCode: statusCode);
}
