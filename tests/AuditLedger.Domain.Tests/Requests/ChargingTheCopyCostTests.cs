using AuditLedger.Domain.Requests;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 30(2): the clerk charges the cost of copies; the disclosure itself is free (Art. 30(1)).
public sealed class ChargingTheCopyCostTests
{
    private static readonly ChargeCopyCost Copies = new() { MonochromePages = 12, ColourPages = 1, AmountYen = 140 };

    [Fact]
    public void the_clerk_charges_140_yen_for_13_copied_pages()
    {
        var c = Decided(CaseOutcome.DisclosedInPart);
        var charged = c.ShouldDecide<CopyCostCharged>(Copies, Day(2025, 6, 30));

        charged.MonochromePages.ShouldBe(12);
        charged.ColourPages.ShouldBe(1);
        charged.AmountYen.ShouldBe(140);
        charged.Context.Ground.Article.Japanese.ShouldBe("第30条第2項");
        c.State.CopyCostYen.ShouldBe(140);
    }

    [Fact]
    public void a_copy_cost_where_the_information_is_not_held_is_refused_citing_article_28()
    {
        Decided(CaseOutcome.NotHeld).ShouldRefuse(Copies, Day(2025, 6, 30), "case.nothing-to-disclose", "第28条");
    }
}
