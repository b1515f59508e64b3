namespace AuditLedger.Host.Web;

/// <summary>Why a page request was refused (its rule code, Japanese and English words), shown by the error page.</summary>
public sealed record PageRefusal(string Code, string Japanese, string English);
