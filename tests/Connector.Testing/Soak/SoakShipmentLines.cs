namespace Connector.Testing.Soak;

/// <summary>The shipments part of the soak report: rows of its table, then what went wrong, named.</summary>
internal static class SoakShipmentLines
{
    public static void AppendRows(SoakShipmentFigures s, Action<string> line, Func<double, string> n)
    {
        if (s.ShipmentRecords + s.CancellationRecords == 0)
        {
            return;
        }

        line($"| orders the back office shipped or cancelled, per case | {n(s.Cases.Values.Sum())}: {string.Join(", ", s.Cases.OrderBy(c => c.Key).Select(c => $"{c.Key} {n(c.Value)}"))} |");
        line($"| back-office records (shipments / cancellations) | {n(s.ShipmentRecords)} / {n(s.CancellationRecords)}, as {n(s.FeedRows)} feed rows and {n(s.Pushes)} pushes ({n(s.PushesSentAgain)} sent again to another instance) |");
        line($"| shipments expected in BigCommerce / present | {n(s.ShipmentsExpected)} / {n(s.ShipmentsPresent)} ({n(s.BigCommerceShipments)} BigCommerce shipments in all) |");
        line($"| **duplicate shipments** (one back-office shipment, more than one in BigCommerce) | **{n(s.Duplicates.Count)}** |");
        line($"| **lost shipments** (valid, not in BigCommerce, not refused) | **{n(s.Lost.Count)}** |");
        line($"| **cancelled orders with a shipment** | **{n(s.CancelledWithShipment.Count)}** |");
        line($"| cancellations done / refused | {n(s.CancellationsDone)} / {n(s.CancellationsRefused)} |");
        line($"| races (shipment and cancellation of one order): shipped / cancelled | {n(s.RacesShipped)} / {n(s.RacesCancelled)} |");
        line($"| records refused (as intended: race losers and more than ordered) | {n(s.RefusalReasons.Values.Sum())} ({n(s.RefusedAsIntended)}) |");
        line($"| other shipment problems | {n(s.Problems.Count)} |");
        line($"| shipments messages in poison | {n(s.Poison)} |");
    }

    public static void AppendDetails(SoakShipmentFigures s, Action<string> line)
    {
        if (s.RefusalReasons.Count > 0)
        {
            line("");
            line("Refusal reasons (numbers as N):");
            foreach (var (reason, count) in s.RefusalReasons.OrderByDescending(r => r.Value))
            {
                line($"- {count} × {reason}");
            }
        }

        foreach (var (title, items) in new[]
        {
            ("Duplicate shipments", s.Duplicates), ("Lost shipments", s.Lost), ("Cancelled orders with a shipment", s.CancelledWithShipment),
            ("Other shipment problems", s.Problems),
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
