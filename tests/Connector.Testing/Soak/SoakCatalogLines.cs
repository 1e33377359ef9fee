namespace Connector.Testing.Soak;

/// <summary>The catalog part of the soak report: rows of its table, then what went wrong, named.</summary>
internal static class SoakCatalogLines
{
    public static void AppendRows(SoakCatalogFigures c, Action<string> line, Func<double, string> n)
    {
        if (c.Stores == 0)
        {
            return;
        }

        line($"| catalog: stores / products seeded | {n(c.Stores)} / {n(c.ProductsSeeded)} |");
        line($"| merchant's product changes in BigCommerce, per kind | {n(c.MerchantActions.Values.Sum())}: {string.Join(", ", c.MerchantActions.OrderBy(a => a.Key).Select(a => $"{a.Key} {n(a.Value)}"))} |");
        line($"| product versions made by the merchant / by the connector's writes | {n(c.MerchantVersions)} / {n(c.ConnectorVersions)} |");
        line($"| back-office feed records (unknown SKUs, refused by design) | {n(c.FeedRecords)} ({n(c.FeedUnknown)}); {n(c.FeedSkusChangedMoreThanOnce)} SKUs changed more than once, {n(c.FeedOutOfOrderPairs)} pairs listed newer first |");
        line($"| products whose newest merchant version is at the back office / expected (deletions) | {n(c.ProductsDelivered)} / {n(c.ProductsToDeliver)} ({n(c.DeletionsDelivered)} deletions; {n(c.DeletedBeforeDelivered)} deleted before the back office had them) |");
        line($"| back-office product deliveries / duplicate attempts answered 409 | {n(c.BackOfficeDeliveries)} / {n(c.BackOfficeDuplicates)} |");
        line($"| products first delivered in a version the push made (written before the pull sent them; not an echo) | {n(c.FirstDeliveredInOwnVersion)} |");
        line($"| **products lost** (newest merchant version or deletion not at the back office) | **{n(c.PullLost.Count)}** |");
        line($"| **product versions delivered more than once with different keys** | **{n(c.PullDoubled.Count)}** |");
        line($"| **echoes** (a version made by the connector's write delivered to the back office) | **{n(c.Echoed.Count)}** |");
        line($"| **products not newest at the back office** (last body, older after newer, after deletion) | **{n(c.PullNotNewest.Count)}** |");
        line($"| merchant changes folded into a push write (the documented price of no echo) | {n(c.Folded.Count)} |");
        line($"| feed changes of known SKUs applied / superseded before written | {n(c.FeedApplied)} / {n(c.FeedSuperseded)} |");
        line($"| fields written in BigCommerce | {n(c.FieldWrites)} |");
        line($"| of which written again: after a lost answer / after a kill or storage outage before the write was recorded / a newer value restored after an older one landed / by an older change's writer that cannot know which landed last | {n(c.RepeatsAfterLostAnswer)} / {n(c.RepeatsAfterDisruption)} / {n(c.Restorations)} / {n(c.RaceRewrites)} |");
        line($"| **feed changes lost** (newest for a field, never written) | **{n(c.PushLost.Count)}** |");
        line($"| **fields not at their newest feed change** (written, then overwritten) | **{n(c.PushNotNewest.Count)}** |");
        line($"| **feed changes written again though in place** (after BigCommerce answered) | **{n(c.PushDoubled.Count)}** |");
        line($"| feed changes refused, with reasons | {n(c.Refused)} |");
        line($"| other catalog problems | {n(c.Problems.Count)} |");
        line($"| catalog messages in poison (products / catalog-push) | {n(c.ProductsPoison)} / {n(c.CatalogPushPoison)} |");
        line($"| BigCommerce requests of the catalog stores | {n(c.BigCommerceRequests)} |");
    }

    public static void AppendDetails(SoakCatalogFigures c, Action<string> line)
    {
        if (c.RefusalReasons.Count > 0)
        {
            line("");
            line("Catalog refusal reasons (numbers as N):");
            foreach (var (reason, count) in c.RefusalReasons.OrderByDescending(r => r.Value))
            {
                line($"- {count} × {reason}");
            }
        }

        foreach (var (title, items) in new[]
        {
            ("Products lost", c.PullLost), ("Product versions doubled", c.PullDoubled), ("Echoes", c.Echoed), ("Products not newest at the back office", c.PullNotNewest),
            ("Merchant changes folded into a push write", c.Folded), ("Feed changes lost", c.PushLost), ("Fields not at their newest feed change", c.PushNotNewest),
            ("Feed changes written again though in place", c.PushDoubled), ("Other catalog problems", c.Problems),
        })
        {
            if (items.Count > 0)
            {
                line("");
                line($"{title} (first 20):");
                foreach (var item in items.Take(20))
                {
                    line($"- {item}");
                }
            }
        }
    }
}
