namespace AuditLedger.Domain.Law;

using AuditLedger.Domain.Common;

/// <summary>
/// The catalog of every rule the ledger enforces on append, with its article (seeds: 浦安市議会の個人情報の保護に関する条例（案）,
/// cited as 第N条, and 流山市「個人情報保護制度の概要」). Each rule is declared beside the check that raises it, in its use-case
/// file or in its module's shared checks; the catalog is composed from the modules' lists (<see cref="LedgerModule.Rules"/>),
/// not collected by reflection. A refused command names one of these.
/// </summary>
public static class Rules
{
    /// <summary>
    /// Every rule, for the documentation endpoint (/api/rules) and for the tests that check each is reachable: the rules every
    /// module shares (the chronology of the record, 第3条; who acted, 第9条), then each module's in the order of the ordinance.
    /// </summary>
    public static IReadOnlyList<LedgerRule> All { get; } =
    [
        .. Chronology.Rules,
        LedgerCommand.ActorIsNotThePrincipal,
        .. LedgerModules.All.SelectMany(m => m.Rules),
    ];
}
