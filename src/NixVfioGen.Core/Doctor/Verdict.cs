namespace NixVfioGen.Doctor;

/// <summary>How one link of the chain stands: fine, worth a look, or the reason the VM will not start.</summary>
public enum Verdict
{
    Ok,
    Warn,
    Fail,
}
