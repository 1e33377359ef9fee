namespace Connector.MerchantPage;

/// <summary>The page's own stylesheet, sent inline under the response's CSP nonce: no CDN, no second request.</summary>
public static class PageStyles
{
    public const string Css = """
        :root{--ink:#313440;--muted:#5e637a;--line:#d9dce9;--bad:#b3261e;--ok:#1b7f3b;--warn:#8a5a00;--accent:#3c64f4;--bg:#f6f7fc}
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:var(--ink);background:var(--bg);font-size:15px;line-height:1.45}
        header,main{max-width:1100px;margin:0 auto;padding:1rem}
        header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;justify-content:space-between}
        h1{font-size:1.4rem;margin:.2rem 0}
        h2{font-size:1.1rem;margin:0 0 .6rem}
        h3{font-size:1rem;margin:.8rem 0 .4rem}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem}
        nav form{display:inline}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:.8rem}
        .grid+.grid{margin-top:.8rem}
        .card{border:1px solid var(--line);border-radius:6px;padding:.7rem}
        .card p{margin:.2rem 0}
        .bad{color:var(--bad)}
        .ok{color:var(--ok)}
        .warn{color:var(--warn)}
        .muted{color:var(--muted);font-size:.9rem}
        .notice{border-left:4px solid var(--accent);background:#eef2ff;padding:.6rem .8rem;margin:0 0 1rem}
        .notice.bad{border-color:var(--bad);background:#fdecea}
        .table{width:100%;overflow-x:auto}
        table{border-collapse:collapse;width:100%}
        th,td{padding:.4rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        td.reason{max-width:32rem;overflow-wrap:anywhere}
        button{font:inherit;padding:.45rem .9rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;min-height:2.25rem}
        button.secondary{background:#fff;color:var(--accent)}
        button[aria-current=page]{background:var(--ink);border-color:var(--ink)}
        button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #ffb300;outline-offset:2px}
        label{font-weight:600;display:block;margin:.2rem 0}
        fieldset{border:1px solid var(--line);border-radius:6px;margin:0 0 .9rem;padding:.6rem .8rem}
        legend{font-weight:700;padding:0 .3rem}
        fieldset label.inline{display:inline-flex;gap:.35rem;align-items:center;font-weight:400;margin:.15rem 1rem .15rem 0}
        input[type=text],input[type=number],input[type=date],select,textarea{font:inherit;padding:.35rem .5rem;border:1px solid #aab0c6;border-radius:5px;width:100%;max-width:28rem}
        textarea{min-height:5rem}
        .field{margin:0 0 .7rem}
        .error{color:var(--bad);font-weight:600;margin:.2rem 0}
        [aria-invalid=true]{border-color:var(--bad)}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0 0}
        @media (max-width:600px){header,main{padding:.6rem}th,td{padding:.35rem .3rem}section{padding:.7rem}table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid var(--line);padding:.3rem 0}table.stack td{display:block;border:0;padding:.15rem 0}table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}}
        """;
}
