/** A message built by hand for the writer tests: every kind of value, subobjects, named properties. */
import { ATTACH_BY_VALUE, ATTACH_EMBEDDED_MSG, MAPI_CC, MAPI_TO, MNID_ID, MNID_STRING } from '../../../src/core/generated/constants.js';
import { PS_INTERNET_HEADERS, PS_PUBLIC_STRINGS, PSETID_Common } from '../../../src/core/generated/guids.js';
import {
  PR_ADDRTYPE_W, PR_ATTACH_DATA_BIN, PR_ATTACH_FILENAME_W, PR_ATTACH_LONG_FILENAME_W, PR_ATTACH_METHOD, PR_ATTACH_MIME_TAG_W,
  PR_BODY_W, PR_CLIENT_SUBMIT_TIME, PR_DISPLAY_CC_W, PR_DISPLAY_TO_W, PR_DISPLAY_NAME_W, PR_EMAIL_ADDRESS_W, PR_INTERNET_CPID, PR_MESSAGE_CLASS_W, PR_RECIPIENT_TYPE,
  PR_SENDER_EMAIL_ADDRESS_W, PR_SENDER_NAME_W, PR_SMTP_ADDRESS_W, PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import {
  PT_BOOLEAN, PT_CLSID, PT_CURRENCY, PT_DOUBLE, PT_I2, PT_I8, PT_LONG, PT_MV_BINARY, PT_MV_CLSID, PT_MV_I2, PT_MV_LONG,
  PT_MV_SYSTIME, PT_MV_UNICODE, PT_R4, PT_SYSTIME, PT_UNICODE, PT_APPTIME, PT_ERROR, PT_BINARY, PT_MV_DOUBLE, PT_MV_I8,
} from '../../../src/core/generated/proptypes.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { GUID } from '../../../src/core/props/guid.js';
import type { NamedPropertyMap } from '../../../src/core/props/NamedPropertyMap.js';
import { PROP_ID, PROP_TAG } from '../../../src/core/props/tags.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import type { MessageContent, PropMap } from '../../../src/core/spi/store.js';

export function propMap(list: SPropValue[]): PropMap {
  return new Map(list.map((p) => [PROP_ID(p.ulPropTag), p]));
}

export const ATTACHMENT_BYTES = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31 + 7) & 0xff);
export const SMALL_BYTES = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]);

/** A message with recipients, two attachments by value, an embedded message and named properties. */
export function fixtureMessage(names: NamedPropertyMap): MessageContent {
  const named = (name: Parameters<NamedPropertyMap['idOf']>[0], type: number) => PROP_TAG(type, names.idOf(name, true) as number);
  const when = FILETIME.fromISOString('2026-03-04T05:06:07.1234567Z');
  const embedded: MessageContent = {
    props: propMap([
      { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
      { ulPropTag: PR_SUBJECT_W, Value: 'Inner — embedded' },
      { ulPropTag: PR_BODY_W, Value: 'The inner body.\r\n' },
      { ulPropTag: named({ lpguid: PSETID_Common, ulKind: MNID_ID, lID: 0x8510 }, PT_LONG), Value: 369 },
    ]),
    recipients: [{ rowId: 0, props: propMap([
      { ulPropTag: PR_DISPLAY_NAME_W, Value: 'Inner Person' },
      { ulPropTag: PR_ADDRTYPE_W, Value: 'SMTP' },
      { ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'inner@example.org' },
      { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO },
    ]) }],
    attachments: [],
    nextAttachNum: 0,
    nextRowId: 1,
  };
  return {
    props: propMap([
      { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
      { ulPropTag: PR_SUBJECT_W, Value: 'Grüße from mapi-emu ✓ 日本' },
      { ulPropTag: PR_BODY_W, Value: 'Hello,\r\n\r\nthis is the body: Ünïcödé, 日本語.\r\n' },
      { ulPropTag: PR_SENDER_NAME_W, Value: 'Sender Person' },
      { ulPropTag: PR_DISPLAY_TO_W, Value: 'Ann Ärger' },
      { ulPropTag: PR_DISPLAY_CC_W, Value: 'Bob Copy' },
      { ulPropTag: PR_SENDER_EMAIL_ADDRESS_W, Value: 'sender@example.org' },
      { ulPropTag: PR_CLIENT_SUBMIT_TIME, Value: when },
      { ulPropTag: PR_INTERNET_CPID, Value: 65001 },
      { ulPropTag: PROP_TAG(PT_I2, 0x6601), Value: -2 },
      { ulPropTag: PROP_TAG(PT_R4, 0x6602), Value: 1.5 },
      { ulPropTag: PROP_TAG(PT_DOUBLE, 0x6603), Value: -1234.5678 },
      { ulPropTag: PROP_TAG(PT_CURRENCY, 0x6604), Value: 123456789n },
      { ulPropTag: PROP_TAG(PT_APPTIME, 0x6605), Value: 45000.25 },
      { ulPropTag: PROP_TAG(PT_ERROR, 0x6606), Value: 0x8004010f },
      { ulPropTag: PROP_TAG(PT_BOOLEAN, 0x6607), Value: true },
      { ulPropTag: PROP_TAG(PT_I8, 0x6608), Value: -9007199254740993n },
      { ulPropTag: PROP_TAG(PT_SYSTIME, 0x6609), Value: when },
      { ulPropTag: PROP_TAG(PT_CLSID, 0x660a), Value: PSETID_Common },
      { ulPropTag: PROP_TAG(PT_BINARY, 0x660b), Value: SMALL_BYTES },
      { ulPropTag: PROP_TAG(PT_UNICODE, 0x660c), Value: '' },
      { ulPropTag: PROP_TAG(PT_MV_I2, 0x660d), Value: [1, -1, 32767] },
      { ulPropTag: PROP_TAG(PT_MV_LONG, 0x660e), Value: [0, -5, 2147483647] },
      { ulPropTag: PROP_TAG(PT_MV_SYSTIME, 0x660f), Value: [when, new FILETIME(0n)] },
      { ulPropTag: PROP_TAG(PT_MV_CLSID, 0x6610), Value: [PSETID_Common, GUID.parse('{01234567-89AB-CDEF-0123-456789ABCDEF}')] },
      { ulPropTag: PROP_TAG(PT_MV_BINARY, 0x6611), Value: [SMALL_BYTES, new Uint8Array(0), ATTACHMENT_BYTES] },
      { ulPropTag: PROP_TAG(PT_MV_UNICODE, 0x6612), Value: ['one', '', 'drei ✓'] },
      { ulPropTag: PROP_TAG(PT_MV_DOUBLE, 0x6613), Value: [0.5, -2] },
      { ulPropTag: PROP_TAG(PT_MV_I8, 0x6614), Value: [1n, -1n] },
      { ulPropTag: named({ lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'Keywords' }, PT_MV_UNICODE), Value: ['Red', 'Blue'] },
      { ulPropTag: named({ lpguid: PSETID_Common, ulKind: MNID_ID, lID: 0x8580 }, PT_UNICODE), Value: 'common lid' },
      { ulPropTag: named({ lpguid: PS_INTERNET_HEADERS, ulKind: MNID_STRING, lpwstrName: 'X-Mapi-Emu' }, PT_UNICODE), Value: 'header value' },
    ]),
    recipients: [
      { rowId: 0, props: propMap([
        { ulPropTag: PR_DISPLAY_NAME_W, Value: 'Ann Ärger' },
        { ulPropTag: PR_ADDRTYPE_W, Value: 'SMTP' },
        { ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'ann@example.org' },
        { ulPropTag: PR_SMTP_ADDRESS_W, Value: 'ann@example.org' },
        { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO },
      ]) },
      { rowId: 3, props: propMap([
        { ulPropTag: PR_DISPLAY_NAME_W, Value: 'Bob Copy' },
        { ulPropTag: PR_ADDRTYPE_W, Value: 'SMTP' },
        { ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'bob@example.org' },
        { ulPropTag: PR_SMTP_ADDRESS_W, Value: 'bob@example.org' },
        { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_CC },
      ]) },
    ],
    attachments: [
      { num: 0, props: propMap([
        { ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE },
        { ulPropTag: PR_ATTACH_LONG_FILENAME_W, Value: 'data-file.bin' },
        { ulPropTag: PR_ATTACH_FILENAME_W, Value: 'DATA-F~1.BIN' },
        { ulPropTag: PR_ATTACH_MIME_TAG_W, Value: 'application/octet-stream' },
        { ulPropTag: PR_ATTACH_DATA_BIN, Value: ATTACHMENT_BYTES },
      ]) },
      { num: 1, props: propMap([
        { ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE },
        { ulPropTag: PR_ATTACH_LONG_FILENAME_W, Value: 'small.pdf' },
        { ulPropTag: PR_ATTACH_FILENAME_W, Value: 'small.pdf' },
        { ulPropTag: PR_ATTACH_MIME_TAG_W, Value: 'application/pdf' },
        { ulPropTag: PR_ATTACH_DATA_BIN, Value: SMALL_BYTES },
      ]) },
      { num: 4, props: propMap([
        { ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_EMBEDDED_MSG },
        { ulPropTag: PR_DISPLAY_NAME_W, Value: 'Inner — embedded' },
      ]), embedded },
    ],
    nextAttachNum: 5,
    nextRowId: 4,
  };
}
