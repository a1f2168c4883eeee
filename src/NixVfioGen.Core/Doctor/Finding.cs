namespace NixVfioGen.Doctor;

/// <summary>One check's result: what was checked, what was found, and, unless it is fine, what to do.</summary>
/// <param name="Verdict">Ok, Warn or Fail.</param>
/// <param name="Check">The link of the chain, e.g. "iommu" or "gpu 0000:23:00.0".</param>
/// <param name="Detail">What was found, in one line.</param>
/// <param name="Fix">One imperative sentence, or a command to run; null when the verdict is Ok.</param>
public sealed record Finding(Verdict Verdict, string Check, string Detail, string? Fix = null)
{
    public static Finding Ok(string check, string detail) => new(Verdict.Ok, check, detail);

    public static Finding Warn(string check, string detail, string fix) => new(Verdict.Warn, check, detail, fix);

    public static Finding Fail(string check, string detail, string fix) => new(Verdict.Fail, check, detail, fix);
}
