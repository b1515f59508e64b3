namespace AuditLedger.Host.Http;

using AuditLedger.Domain.Law;

/// <summary>A request body that must be present: a JSON <c>null</c> is refused as input, not passed on.</summary>
public static class RequestBody
{
    public static T Required<T>(T? body) where T : class =>
        body ?? throw new InvalidCommand([new FieldError("body", "リクエスト本文にコマンドのJSONオブジェクトを指定してください。",
            $"The request body must be a JSON object describing the {typeof(T).Name} command, not null.")]);
}
