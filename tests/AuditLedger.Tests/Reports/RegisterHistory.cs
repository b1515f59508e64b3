namespace AuditLedger.Tests.Reports;

using AuditLedger.Domain.Files;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>Ids of the files of one register history, and the (unique) name each was registered under.</summary>
public sealed record RegisterFiles(Guid Amended, Guid Exempt, Guid Withheld, Guid Retired, IReadOnlyDictionary<Guid, string> Names);

/// <summary>
/// A realistic register history through the real commands: a file amended, a personnel file exempt under 17(2)(1)ア,
/// a manual file with items withheld under 17(3) (its texts carry commas, quotes, a line break and markup), a file retired.
/// </summary>
public sealed class RegisterHistory(LedgerDriver ledger)
{
    public const string TrickyPurpose = "議会だよりの発送、\"特別号\"の送付\r\n及び<script>alert('x')</script>等の確認";
    public const string ExemptionReason = "議員及び職員の人事・給与に関する事項のみを記録するため";
    public const string WithholdingReason = "収集方法及び提供先を記載すると調査事務の適正な遂行に著しい支障を及ぼすおそれがあるため";
    public const string WithheldMethod = "浦安市長（秘書広報課）からの名簿提供";

    public async Task<RegisterFiles> Build()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var names = new Dictionary<Guid, string>();

        var amended = await Register(names, $"議会傍聴者名簿 {tag}", FileKind.ComputerProcessed, Items());
        await ledger.Send(By(new AmendFile
        {
            FileId = amended, ExpectedVersion = 1,
            Items = Items() with { Name = names[amended], RecordedItems = ["氏名", "住所", "傍聴日", "電話番号"], RegularRecipients = ["浦安市選挙管理委員会"] },
            Reason = "傍聴者への連絡のため電話番号を記録し、選挙管理委員会への定期提供を開始",
        }));

        var exempt = await Register(names, $"議会事務局職員人事記録 {tag}", FileKind.ComputerProcessed, Items() with
        {
            Organisation = "浦安市議会事務局 総務課", PurposesOfUse = ["職員の人事及び給与の管理"], RecordedItems = ["氏名", "職名", "給与"], RecordScope = "議会事務局職員",
        });
        await ledger.Send(By(new ExemptFileFromPublication { FileId = exempt, ExpectedVersion = 1, Ground = PublicationExemptionGround.PersonnelMatters, Reason = ExemptionReason }));

        var withheld = await Register(names, $"議会だより発送名簿, \"特別号\", 第2版 {tag}", FileKind.Manual, Items(specialCare: true) with
        {
            PurposesOfUse = [TrickyPurpose], RecordedItems = ["氏名", "住所", "発送区分"], CollectionMethod = WithheldMethod,
            RegularRecipients = ["配送委託事業者"], SpecialProcedureNote = "第31条第1項ただし書に該当",
        });
        await ledger.Send(By(new WithholdFileItemsFromPublication
        {
            FileId = withheld, ExpectedVersion = 1, Items = [WithholdableItem.CollectionMethod, WithholdableItem.RegularRecipients], Reason = WithholdingReason,
        }));

        var retired = await Register(names, $"紙の傍聴受付簿 {tag}", FileKind.Manual, Items());
        await ledger.Send(By(new RetireFile { FileId = retired, ExpectedVersion = 1, Reason = "傍聴受付の電子化により紙の名簿を廃止" }));

        return new RegisterFiles(amended, exempt, withheld, retired, names);
    }

    private async Task<Guid> Register(Dictionary<Guid, string> names, string name, FileKind kind, RegisterItems items)
    {
        var registration = Registration() with { Kind = kind, Items = items with { Name = name } };
        var result = await ledger.Send(registration);
        names[result.StreamId] = name;
        return result.StreamId;
    }
}
