using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;

namespace AuditLedger.Domain.Tests.Support;

/// <summary>Streams built the way the ledger builds them: from the events their start commands decide, folded through Evolve.</summary>
public static class Given
{
    public static readonly InformationCategories SpecialCare = new(SpecialCareRequired: true, SpecificPersonalInformation: false, ProcessingForm.Ordinary);
    public static readonly InformationCategories SpecificPersonalInformation = new(SpecialCareRequired: false, SpecificPersonalInformation: true, ProcessingForm.Ordinary);
    public static readonly InformationCategories Pseudonymised = new(SpecialCareRequired: false, SpecificPersonalInformation: false, ProcessingForm.Pseudonymised);

    public static EventStream<PersonalInformationFile> RegisteredFile(bool containsSpecialCareInformation = false) =>
        new EventStream<PersonalInformationFile>(PersonalInformationFile.Evolve)
            .Append(Commands.Register(containsSpecialCareInformation).Decide(Guid.NewGuid(), Clock.Now));

    public static EventStream<PersonalInformationFile> RetiredFile()
    {
        var file = RegisteredFile();
        return file.Then(Commands.Retire(file));
    }

    public static EventStream<RetainedRecord> AcquiredRecord(InformationCategories? categories = null, EventStream<PersonalInformationFile>? file = null)
    {
        categories ??= InformationCategories.Ordinary;
        file ??= RegisteredFile(containsSpecialCareInformation: categories.SpecialCareRequired);
        var acquisition = Commands.Acquire(file.State) with { Categories = categories };
        return new EventStream<RetainedRecord>(RetainedRecord.Evolve)
            .Append(acquisition.Decide(Guid.NewGuid(), file.State, Clock.Now));
    }

    public static EventStream<RetainedRecord> ErasedRecord()
    {
        var record = AcquiredRecord();
        return record.Then(Commands.Erase(record));
    }

    public static EventStream<RetainedRecord> SuspendedRecord()
    {
        var record = AcquiredRecord();
        return record.Then(Commands.Suspend(record));
    }

    /// <summary>Records of distinct persons, all in one file.</summary>
    public static List<RetainedRecord> RecordsOfDistinctPersons(int count)
    {
        var file = RegisteredFile();
        return [.. Enumerable.Range(0, count).Select(_ => AcquiredRecord(file: file).State)];
    }

    public static EventStream<LeakIncident> ReportedIncident(IReadOnlyCollection<RetainedRecord> affected) =>
        new EventStream<LeakIncident>(LeakIncident.Evolve)
            .Append(Commands.ReportLeak(affected).Decide(Guid.NewGuid(), affected, Clock.Now));

    public static EventStream<LeakIncident> ReportedIncident(int persons) => ReportedIncident(RecordsOfDistinctPersons(persons));
}
