import { describe, expect, it } from 'vitest';
import { checksum, checksumOfType, verifyChecksum } from './checksum';
import { decrypt, encrypt } from './encrypt';
import { camelliaSaltp } from './rfc6803';
import { stringToKey, stringToKeyAsync, clearStringToKeyCache } from './string-to-key';
import { deriveKey } from './usage-keys';
import { fromHex, toHex } from '../../bytes';

const text = (s: string) => new TextEncoder().encode(s);

/** RFC 6803 §10, every sample: key derivation, encryption, checksums. */
describe('RFC 6803 §10: key derivation (usage 2)', () => {
  const k128 = '57d0297298ffd9d35de5a47fb4bde24b';
  const k256 = 'b9d6828b2056b7be656d88a123b1fac68214ac2b727ecf5f69afe0c4df2a6d2c';
  const vectors = [
    [25, k128, 'checksum', 'd155775a209d05f02b38d42a389e5a56'],
    [25, k128, 'encryption', '64df83f85a532f17577d8c37035796ab'],
    [25, k128, 'integrity', '3e4fbdf30fb8259c425cb6c96f1f4635'],
    [26, k256, 'checksum', 'e467f9a9552bc7d3155a6220af9c19220eeed4ff78b0d1e6a1544991461a9e50'],
    [26, k256, 'encryption', '412aefc362a7285fc3966c6a5181e7605ae675235b6d549fbfc9ab6630a4c604'],
    [26, k256, 'integrity', 'fa624fa0e523993fa388aefdc67e67ebcd8c08e8a0246b1d73b0d1dd9fc582b0'],
  ] as const;
  for (const [etype, key, purpose, expected] of vectors) {
    it(`etype ${etype} ${purpose}`, () => {
      expect(toHex(deriveKey(etype, fromHex(key), 2, purpose))).toBe(expected);
    });
  }
});

describe('RFC 6803 §10: encryption', () => {
  // etype, usage, key, confounder, plaintext, ciphertext. The ciphertexts are also MIT krb5's
  // src/lib/crypto/crypto_tests/t_decrypt.c camellia cases.
  const vectors = [
    [
      25,
      0,
      '1dc46a8d763f4f93742bcba3387576c3',
      'b69822a19a6b09c0ebc8557d1f1b6c0a',
      '',
      'c466f1871069921edb7c6fde244a52db0ba10edc197bdb8006658ca3ccce6eb8',
    ],
    [
      25,
      1,
      '5027bc231d0f3a9d23333f1ca6fdbe7c',
      '6f2fc3c2a166fd8898967a83de9596d9',
      '1',
      '842d21fd950311c0dd464a3f4be8d6da88a56d559c9b47d3f9a85067af661559b8',
    ],
    [
      25,
      2,
      'a1bb61e805f9ba6dde8fdbddc05cdea0',
      'a5b4a71e077aeef93c8763c18fdb1f10',
      '9 bytesss',
      '619ff072e36286ff0a28deb3a352ec0d0edf5c5160d663c901758ccf9d1ed33d71db8f23aabf8348a0',
    ],
    [
      25,
      3,
      '2ca27a5faf5532244506434e1cef6676',
      '19fee40d810c524b5b22f01874c693da',
      '13 bytes byte',
      'b8eca3167ae6315512e59f98a7c500205e5f63ff3bb389af1c41a21d640d8615c9ed3fbeb05ab6acb67689b5ea',
    ],
    [
      25,
      4,
      '7824f8c16f83ff354c6bf7515b973f43',
      'ca7a7ab4be192dabd603506db19c39e2',
      '30 bytes bytes bytes bytes byt',
      'a26a3905a4ffd5816b7b1e27380d08090c8ec1f304496e1abdcd2bdcd1dffc660989e117a713ddbb57a4146c1587cba4356665591d2240282f5842b105a5',
    ],
    [
      26,
      0,
      'b61c86cc4e5d2757545ad423399fb7031ecab913cbb900bd7a3c6dd8bf92015b',
      '3cbbd2b45917941067f96599bb98926c',
      '',
      '03886d03310b47a6d8f06d7b94d1dd837ecce315ef652aff620859d94a259266',
    ],
    [
      26,
      1,
      '1b97fe0a190e2021eb30753e1b6e1e77b0754b1d684610355864104963463833',
      'def487fcebe6de6346d4da4521bba2d2',
      '1',
      '2c9c1570133c99bf6a34bc1b0212002fd194338749db4135497a347cfcd9d18a12',
    ],
    [
      26,
      2,
      '32164c5b434d1d1538e4cfd9be8040fe8c4ac7acc4b93d3314d2133668147a05',
      'ad4ff904d34e555384b14100fc465f88',
      '9 bytesss',
      '9c6de75f812de7ed0d28b2963557a115640998275b0af5152709913ff52a2a9c8e63b872f92e64c839',
    ],
    [
      26,
      3,
      'b038b132cd8e06612267fab7170066d88aeccba0b744bfc60dc89bca182d0715',
      'cf9bca6df1144e0c0af9b8f34c90d514',
      '13 bytes byte',
      'eeec85a9813cdc536772ab9b42defc5706f726e975dde05a87eb5406ea324ca185c9986b42aabe794b84821bee',
    ],
    [
      26,
      4,
      'ccfcd349bf4c6677e86e4b02b8eab924a546ac731cf9bf6989b996e7d6bfbba7',
      '644def38da35007275878d216855e228',
      '30 bytes bytes bytes bytes byt',
      '0e44680985855f2d1f1812529ca83bfd8e349de6fd9ada0baaa048d68e265febf34ad1255a344999ad37146887a6c6845731ac7f46376a0504cd06571474',
    ],
  ] as const;
  for (const [etype, usage, key, confounder, plain, cipher] of vectors) {
    it(`etype ${etype}, usage ${usage}, ${plain.length} bytes`, () => {
      expect(toHex(encrypt(fromHex(key), usage, text(plain), fromHex(confounder), etype))).toBe(
        cipher,
      );
      expect(decrypt(fromHex(key), usage, fromHex(cipher), etype)).toEqual({
        ok: true,
        plaintext: text(plain),
      });
    });
  }

  it('reports integrity failures, and round-trips every length for both key sizes', () => {
    const [etype, usage, key, , , cipher] = vectors[9];
    const bytes = fromHex(cipher);
    for (let i = 0; i < bytes.length; i++) {
      const bad = bytes.slice();
      bad[i] ^= 1;
      expect(decrypt(fromHex(key), usage, bad, etype)).toMatchObject({
        ok: false,
        error: 'integrity',
      });
    }
    for (const [e, length] of [
      [25, 16],
      [26, 32],
    ] as const) {
      const k = Uint8Array.from({ length }, (_, i) => i + 1);
      for (let n = 0; n <= 40; n++) {
        const p = Uint8Array.from({ length: n }, (_, i) => i * 3);
        const c = encrypt(k, 9, p, new Uint8Array(16).fill(7), e);
        expect(c.length).toBe(n + 32);
        expect(decrypt(k, 9, c, e)).toEqual({ ok: true, plaintext: p });
      }
    }
  });
});

describe('RFC 6803 §10: checksums', () => {
  const vectors = [
    [25, 7, '1dc46a8d763f4f93742bcba3387576c3', 'abcdefghijk', '1178e6c5c47a8c1ae0c4b9c7d4eb7b6b'],
    [
      25,
      8,
      '5027bc231d0f3a9d23333f1ca6fdbe7c',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      'd1b34f7004a731f23a0c00bf6c3f753a',
    ],
    [
      26,
      9,
      'b61c86cc4e5d2757545ad423399fb7031ecab913cbb900bd7a3c6dd8bf92015b',
      '123456789',
      '87a12cfd2b96214810f01c826e7744b1',
    ],
    [
      26,
      10,
      '32164c5b434d1d1538e4cfd9be8040fe8c4ac7acc4b93d3314d2133668147a05',
      '!@#$%^&*()!@#$%^&*()!@#$%^&*()',
      '3fa0b42355e52b189187294aa252ab64',
    ],
  ] as const;
  for (const [etype, usage, key, data, mac] of vectors) {
    it(`cmac-camellia${etype === 25 ? 128 : 256}, usage ${usage}`, () => {
      expect(toHex(checksum(fromHex(key), usage, text(data), etype))).toBe(mac);
      expect(toHex(checksumOfType(etype === 25 ? 17 : 18, fromHex(key), usage, text(data)))).toBe(
        mac,
      );
      expect(verifyChecksum(fromHex(key), usage, text(data), fromHex(mac), etype)).toBe(true);
      expect(verifyChecksum(fromHex(key), usage + 1, text(data), fromHex(mac), etype)).toBe(false);
    });
  }
});

/**
 * string-to-key: RFC 6803 publishes none; these are MIT krb5's
 * src/lib/crypto/crypto_tests/t_str2key.c camellia cases (RFC 3962 App. B's inputs applied to
 * Camellia; MIT licence, Copyright the Massachusetts Institute of Technology, permission to use,
 * copy, modify and distribute with the notice kept). Their iteration-1 keys are RFC 6803 §10's
 * key-derivation base keys.
 */
describe('string-to-key (RFC 6803 §3; MIT krb5 t_str2key.c vectors)', () => {
  const ATHENA = 'ATHENA.MIT.EDUraeburn';
  const vectors: [25 | 26, string, string | Uint8Array, number, string][] = [
    [25, 'password', ATHENA, 1, '57d0297298ffd9d35de5a47fb4bde24b'],
    [26, 'password', ATHENA, 1, 'b9d6828b2056b7be656d88a123b1fac68214ac2b727ecf5f69afe0c4df2a6d2c'],
    [25, 'password', ATHENA, 2, '73f1b53aa0f310f93b1de8ccaa0cb152'],
    [26, 'password', ATHENA, 2, '83fc5866e5f8f4c6f38663c65c87549f342bc47ed394dc9d3cd4d163ade375e3'],
    [25, 'password', ATHENA, 1200, '8e571145452855575fd916e7b04487aa'],
    [
      26,
      'password',
      ATHENA,
      1200,
      '77f421a6f25e138395e837e5d85d385b4c1bfd772e112cd9208ce72a530b15e6',
    ],
    [25, 'password', fromHex('1234567878563412'), 5, '00498fd916bfc1c2b1031c170801b381'],
    [
      26,
      'password',
      fromHex('1234567878563412'),
      5,
      '11083a00bdfe6a41b2f19716d6202f0afa94289afe8b27a049bd28b1d76c389a',
    ],
    [25, 'X'.repeat(64), 'pass phrase equals block size', 1200, '8bf6c3ef709b981dbb585d086843be05'],
    [
      26,
      'X'.repeat(64),
      'pass phrase equals block size',
      1200,
      '119fe2a1cb0b1be010b9067a73db63ed4665b4e53a98d178035dcfe843a6b9b0',
    ],
    [
      25,
      'X'.repeat(65),
      'pass phrase exceeds block size',
      1200,
      '5752ac8d6ad1ccfe8430b312871c2f74',
    ],
    [
      26,
      'X'.repeat(65),
      'pass phrase exceeds block size',
      1200,
      '614d5dfc0ba6d390b412b89ae4d5b088b612b316510994679ddb4383c7126ddf',
    ],
    [25, '\u{1d11e}', 'EXAMPLE.COMpianist', 50, 'cc75c7fd260f1c1658011fcc0d560616'],
    [
      26,
      '\u{1d11e}',
      'EXAMPLE.COMpianist',
      50,
      '163b768c6db148b4eec7163df5aed70e206b68cec078bc069ed68a7ed36b1ecc',
    ],
  ];
  for (const [etype, password, salt, iterations, key] of vectors) {
    it(`etype ${etype}, ${iterations} iterations, ${password.length}-char password`, () => {
      expect(toHex(stringToKey(etype, password, salt, iterations))).toBe(key);
    });
  }
  it('puts the etype name and a zero byte before the salt; WebCrypto agrees', async () => {
    expect(new TextDecoder().decode(camelliaSaltp(26, text('S')))).toBe('camellia256-cts-cmac\0S');
    clearStringToKeyCache();
    expect(toHex(await stringToKeyAsync(26, 'password', ATHENA, 1200))).toBe(vectors[5][4]);
  });
});
