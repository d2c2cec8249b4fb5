import { describe, expect, it } from 'vitest';
import { parseStaffCsv } from '../../src/directory/staffCsv.js';

const MEGAN = '00000000-0000-4000-8000-000000000021';
const ADELE = '00000000-0000-4000-8000-000000000022';

describe('the staff import file', () => {
  it('reads one person a line, roles separated by semicolons, names with commas quoted', () => {
    const csv = `\ufeffaadObjectId,displayName,roles\r\n${MEGAN.toUpperCase()},"Bowen, Megan",chair; team-manager\r\n\r\n${ADELE},Adele Vance,chair\r\n`;
    expect(parseStaffCsv(csv)).toEqual({
      ok: true,
      entries: [
        { aadObjectId: MEGAN, displayName: 'Bowen, Megan', roles: ['team-manager', 'chair'] },
        { aadObjectId: ADELE, displayName: 'Adele Vance', roles: ['chair'] },
      ],
    });
  });

  it('reports every bad line with its number, and keeps none of the file', () => {
    const csv = [
      'aadObjectId,displayName,roles',
      `${MEGAN},Megan Bowen,team-manager`,
      'megan@example.org,Megan,manager',
      `${MEGAN},Megan Bowen,chair`,
      `${ADELE},Adele Vance`,
      `${ADELE},,`,
    ].join('\n');
    expect(parseStaffCsv(csv)).toEqual({
      ok: false,
      problems: [
        "line 3: aadObjectId must be the person's Entra object id (a GUID)",
        'line 3: roles must be one or more of social-worker, team-manager, chair, service-delivery-manager, separated by \';\' (it is "manager")',
        `line 4: ${MEGAN} is already on line 2; give each person one line with all their roles`,
        'line 5: has 2 columns, not 3 (aadObjectId,displayName,roles); put a name containing a comma in double quotes',
        'line 6: displayName must be the name, at most 200 characters, without control characters',
        'line 6: roles must be one or more of social-worker, team-manager, chair, service-delivery-manager, separated by \';\' (it is "")',
      ],
    });
  });

  it.each([
    ['', 'the file is empty: it needs the header line aadObjectId,displayName,roles'],
    ['id,name,roles\n', 'line 1: the header must be aadObjectId,displayName,roles (it is id,name,roles)'],
    ['aadObjectId,displayName,roles\n', 'the file lists nobody: add one person a line under the header'],
    [`aadObjectId,displayName,roles\n${MEGAN},"Megan,chair\n`, 'line 2: Quote Not Closed: the parsing is finished with an opening quote at line 2'],
  ])('refuses %j as a whole', (csv, problem) => {
    expect(parseStaffCsv(csv)).toEqual({ ok: false, problems: [problem] });
  });
});
