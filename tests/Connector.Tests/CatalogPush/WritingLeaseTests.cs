using Connector.CatalogPush;

namespace Connector.Tests.CatalogPush;

/// <summary>A change being written holds it against a second copy of itself, not against other changes, and not forever.</summary>
public sealed class WritingLeaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ChangeA = Now.AddMinutes(-5);
    private static readonly DateTimeOffset ChangeB = Now.AddMinutes(-4);

    [Fact]
    public void A_second_copy_of_a_change_being_written_waits_even_while_another_change_of_the_SKU_is_written()
    {
        var entry = new CatalogPushEntry();
        entry.BeginWriting(ChangeA, "first", Now);
        entry.BeginWriting(ChangeB, "other", Now.AddSeconds(1));

        Assert.True(entry.WrittenElsewhere(ChangeA, "copy", Now.AddSeconds(2)));
        Assert.False(entry.WrittenElsewhere(ChangeA, "first", Now.AddSeconds(2)));
        Assert.False(entry.WrittenElsewhere(Now, "copy", Now.AddSeconds(2)));

        entry.EndWriting("first");
        Assert.False(entry.WrittenElsewhere(ChangeA, "copy", Now.AddSeconds(3)));
        Assert.True(entry.WrittenElsewhere(ChangeB, "copy", Now.AddSeconds(3)));
    }

    [Fact]
    public void A_dead_handlings_hold_lapses()
    {
        var entry = new CatalogPushEntry();
        entry.BeginWriting(ChangeA, "died", Now);

        Assert.False(entry.WrittenElsewhere(ChangeA, "copy", Now + CatalogPushEntry.WritingLease));
        entry.EndWriting("someone else");
        Assert.NotNull(entry.Writing);
    }
}
