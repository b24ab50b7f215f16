using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>
/// Seals the Data Protection key ring with the product's encryption keys before it goes to the database:
/// with the ring in plaintext, a copy of the database alone would be enough to forge anyone's bearer token.
/// </summary>
internal sealed class SealingXmlEncryptor(ISecretProtector protector) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var sealedKey = protector.Seal(new SecretValue(plaintextElement.ToString(SaveOptions.DisableFormatting)), SecretPurpose.TokenSigningKey, Guid.Empty);
        var element = new XElement("sealedKey", new XAttribute("keyId", sealedKey.KeyId), Convert.ToBase64String(sealedKey.Ciphertext));
        return new EncryptedXmlInfo(element, typeof(SealedXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="SealingXmlEncryptor"/> sealed (Data Protection creates it with the service provider).</summary>
internal sealed class SealedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var sealedKey = new SealedSecret((string)encryptedElement.Attribute("keyId")!, Convert.FromBase64String(encryptedElement.Value));
        var plaintext = services.GetRequiredService<ISecretProtector>().Unseal(sealedKey, SecretPurpose.TokenSigningKey, Guid.Empty);
        return XElement.Parse(plaintext.Reveal());
    }
}
